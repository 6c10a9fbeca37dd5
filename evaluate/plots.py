"""PNG figures of a results dict: the confusion matrix and the position map (gold beside predicted).

Figures are rendered to bytes (Agg backend, fixed metadata) so the caller can write
them atomically, and the same results give the same bytes.
"""

from __future__ import annotations

import io as bytes_io


def _figure_bytes(figure) -> bytes:
    buffer = bytes_io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def confusion_png(results: dict) -> bytes:
    """Return a PNG heatmap of the confusion matrix (rows gold, columns predicted)."""
    import numpy as np

    plt = _pyplot()
    labels = results["confusion"]["labels"]
    matrix = np.array(results["confusion"]["matrix"])
    figure, axes = plt.subplots(figsize=(1.6 + 1.1 * len(labels), 1.2 + 1.0 * len(labels)))
    image = axes.imshow(matrix, cmap="Blues")
    axes.set_xticks(range(len(labels)), labels)
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlabel("predicted")
    axes.set_ylabel("gold")
    threshold = matrix.max() / 2 if matrix.size else 0
    for row in range(len(labels)):
        for column in range(len(labels)):
            axes.text(column, row, str(matrix[row, column]), ha="center", va="center",
                      color="white" if matrix[row, column] > threshold else "black")
    figure.colorbar(image, ax=axes, fraction=0.046)
    axes.set_title(f"Confusion matrix (n = {results['n']})")
    data = _figure_bytes(figure)
    plt.close(figure)
    return data


def position_map_png(results: dict) -> bytes | None:
    """Return a PNG of the position map: parties x (target, period), gold beside predicted; None without cells."""
    import numpy as np

    cells = results["position_map"].get("cells") or []
    if not cells:
        return None
    plt = _pyplot()
    parties = sorted({cell["party"] for cell in cells})
    columns = sorted({(cell["target"], cell["period"]) for cell in cells})
    party_row = {party: index for index, party in enumerate(parties)}
    column_index = {key: index for index, key in enumerate(columns)}
    grids = {side: np.full((len(parties), len(columns)), np.nan) for side in ("gold", "predicted")}
    for cell in cells:
        for side, grid in grids.items():
            grid[party_row[cell["party"]], column_index[(cell["target"], cell["period"])]] = cell[side]
    width = min(40.0, 2.0 + 0.32 * len(columns))
    height = min(30.0, 1.8 + 0.28 * len(parties))
    figure, axes = plt.subplots(1, 2, figsize=(2 * width, height), sharey=True)
    cmap = plt.get_cmap("RdBu").with_extremes(bad="#eeeeee")
    for ax, (side, grid) in zip(axes, grids.items()):
        image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=-1, vmax=1, aspect="auto")
        ax.set_xticks(range(len(columns)), [f"{target} {period}" for target, period in columns],
                      rotation=90, fontsize=7)
        ax.set_yticks(range(len(parties)), parties, fontsize=7)
        ax.set_title(f"{side} positions")
    figure.colorbar(image, ax=axes, fraction=0.02, label="position (-1 against, +1 favor)")
    mapping = results["position_map"]
    figure.suptitle(f"Position map: {mapping['n_cells']} cells, Spearman "
                    f"{'-' if mapping['spearman'] is None else format(mapping['spearman'], '.3f')}, "
                    f"MAE {'-' if mapping['mae'] is None else format(mapping['mae'], '.3f')}")
    data = _figure_bytes(figure)
    plt.close(figure)
    return data


def figures(results: dict) -> dict[str, bytes]:
    """Return ``{file name: PNG bytes}`` of every figure the results support."""
    out = {"confusion_matrix.png": confusion_png(results)}
    mapping = position_map_png(results)
    if mapping is not None:
        out["position_map.png"] = mapping
    return out

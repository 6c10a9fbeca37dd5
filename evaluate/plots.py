"""PNG figures of a results dict: the confusion matrix and the position map (gold beside predicted).

Figures are rendered to bytes (Agg backend, fixed metadata) so the caller can write
them atomically, and the same results give the same bytes.
"""

from __future__ import annotations

import io as bytes_io


def figure_bytes(figure) -> bytes:
    """Return a figure as PNG bytes, without the Software tag, so a rebuild is byte-identical."""
    buffer = bytes_io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def pyplot():
    """Return matplotlib.pyplot on the Agg backend (no screen needed), imported on first use."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def confusion_png(results: dict) -> bytes:
    """Return a PNG heatmap of the confusion matrix (rows gold, columns predicted)."""
    import numpy as np

    plt = pyplot()
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
    data = figure_bytes(figure)
    plt.close(figure)
    return data


#: Parties shown in the position-map figure (those with the most cells); the JSON has them all.
MAP_PARTIES = 20


def position_map_png(results: dict) -> bytes | None:
    """Return a PNG of the position map: three panels stacked (gold, predicted, gold minus
    predicted), parties down, (target, period) across; empty cells hatched, so they never
    look like a neutral position. None without cells."""
    import numpy as np
    from matplotlib.patches import Rectangle

    cells = results["position_map"].get("cells") or []
    if not cells:
        return None
    plt = pyplot()
    counts: dict[str, int] = {}
    for cell in cells:
        counts[cell["party"]] = counts.get(cell["party"], 0) + 1
    parties = sorted(sorted(counts, key=lambda party: (-counts[party], party))[:MAP_PARTIES])
    columns = sorted({(cell["target"], cell["period"]) for cell in cells if cell["party"] in parties})
    party_row = {party: index for index, party in enumerate(parties)}
    column_index = {key: index for index, key in enumerate(columns)}
    grids = {side: np.full((len(parties), len(columns)), np.nan) for side in ("gold", "predicted")}
    for cell in cells:
        if cell["party"] in party_row:
            for side, grid in grids.items():
                grid[party_row[cell["party"]], column_index[(cell["target"], cell["period"])]] = cell[side]
    panels = [("gold position", grids["gold"], "RdBu", 1.0), ("predicted position", grids["predicted"], "RdBu", 1.0),
              ("gold minus predicted", grids["gold"] - grids["predicted"], "PuOr", 2.0)]
    width = 3.0 + 0.26 * len(columns)
    height = 1.2 + 0.26 * len(parties)
    figure, axes = plt.subplots(3, 1, figsize=(width, 3 * height + 1.6), sharex=True)
    for ax, (title, grid, colormap, limit) in zip(axes, panels):
        ax.add_patch(Rectangle((-0.5, -0.5), len(columns), len(parties), facecolor="#f4f4f4", edgecolor="#bbbbbb",
                               hatch="////", linewidth=0, zorder=0))
        image = ax.imshow(np.ma.masked_invalid(grid), cmap=colormap, vmin=-limit, vmax=limit, aspect="auto", zorder=1)
        ax.set_yticks(range(len(parties)), parties, fontsize=9)
        ax.set_title(f"{title} (hatched: no statements)", fontsize=10, loc="left")
        figure.colorbar(image, ax=ax, fraction=0.025, pad=0.01,
                        label="-1 against … +1 favor" if limit == 1.0 else "gold − predicted")
    axes[-1].set_xticks(range(len(columns)), [f"{target} {period}" for target, period in columns],
                        rotation=90, fontsize=9)
    mapping = results["position_map"]
    figure.suptitle(f"Position map: {mapping['n_cells']} cells ({len(parties)} parties with the most cells shown), "
                    f"Spearman {'-' if mapping['spearman'] is None else format(mapping['spearman'], '.3f')}, "
                    f"MAE {'-' if mapping['mae'] is None else format(mapping['mae'], '.3f')}", fontsize=11)
    data = figure_bytes(figure)
    plt.close(figure)
    return data


def figures(results: dict) -> dict[str, bytes]:
    """Return ``{file name: PNG bytes}`` of every figure the results support."""
    out = {"confusion_matrix.png": confusion_png(results)}
    mapping = position_map_png(results)
    if mapping is not None:
        out["position_map.png"] = mapping
    return out

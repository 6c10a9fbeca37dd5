"""The sgpos harness: scoring, comparison, reports, the leaderboard and the CLI."""

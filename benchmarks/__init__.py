"""Scale benchmarks: 100k contacts and 1M interactions, ours beside raw sqlite3."""

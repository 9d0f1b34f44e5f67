"""The dashboard benchmarks: refresh time over a million records, and write-to-dashboard freshness."""

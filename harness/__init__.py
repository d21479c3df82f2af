"""What the tests and the benchmarks share to start local servers and a browser (never the app)."""

"""GeoPackage persistence: the workspace file, transactions, history."""

"""File formats in and out of a workspace: GeoJSON, GeoPackage, Shapefile, KML, CSV+HXL, CAP, CoT/TAK..."""

"""didar.ingest"""

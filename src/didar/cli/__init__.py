"""didar.cli"""

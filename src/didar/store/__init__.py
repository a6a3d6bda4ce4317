"""didar.store"""

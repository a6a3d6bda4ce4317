"""didar.actors"""

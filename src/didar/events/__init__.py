"""didar.events"""

"""didar.text"""

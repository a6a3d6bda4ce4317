"""didar.dates"""

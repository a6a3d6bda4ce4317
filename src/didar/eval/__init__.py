"""didar.eval"""

"""Description cells: constraints read out of the prose, and the vocabulary net that counts them.
"""

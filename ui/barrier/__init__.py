"""The barrier-model view: phases × themes as a heat map, and the entries of a cell."""

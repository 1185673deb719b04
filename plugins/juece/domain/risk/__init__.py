"""Risk assessment (R-D1 .. R-D4): the register, the matrix, the rounds."""

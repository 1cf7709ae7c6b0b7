"""kubectl for the simulated cluster: one module per verb, plus printers, describe and explain."""

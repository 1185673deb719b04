"""Expert review (R-C1 .. R-C6): the expert library, the panel drawn by rule, seats, signed opinions and what can be proved of them."""

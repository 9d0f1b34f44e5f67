"""A draft's typed parts written as one app definition document, with a JSON pointer for each element."""

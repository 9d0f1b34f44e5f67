"""The review gate: apps that need IT review publish through a review request an IT reviewer decides."""

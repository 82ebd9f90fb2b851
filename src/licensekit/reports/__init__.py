"""Reports of a run, one small module per format, built on the contract core's findings and coverage."""

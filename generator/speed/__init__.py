"""Everything that makes the pipeline faster and must not change one output byte.

Caches, parallel extraction, validator memory and patches of third-party internals, brought to the pipeline as
one object (`layer.Speed`, the `generator.build.runner.Speed` the pipeline is given) and switched off as one
(`OTC_APIGEN_NO_SPEED=1`, `--no-speed`). Nothing outside this package and the commands imports it but the
pipeline's choice of speed (`layer.speed_for`) and the organisation build.
"""

from . import (
    hr_performance_rating_level,
    hr_performance_rating_scale,
    res_company,
    res_config_settings,
)

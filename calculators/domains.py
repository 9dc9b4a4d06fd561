"""The one list of domain modules: importing this module registers every calculator.

Domain modules import :mod:`calculators.registry`, :mod:`calculators.fields` and
:mod:`calculators.data`; none of those imports a domain module, so imports point one way.
A new domain module gets one line here.
"""

from __future__ import annotations

import calculators.data  # noqa: F401  (every sourced record, before any calculator checks keys)
from calculators import latency  # noqa: F401
from calculators import metrics  # noqa: F401
from calculators import tokens_profiles  # noqa: F401
from calculators import tokens  # noqa: F401
from calculators import framing_calculator  # noqa: F401
from calculators import framing_tables  # noqa: F401
from calculators import framing_checks  # noqa: F401
from calculators import wire  # noqa: F401
from calculators import limits  # noqa: F401
from calculators import limits_simulator  # noqa: F401
from calculators import limits_tables  # noqa: F401
from calculators import memory  # noqa: F401
from calculators import roofline_calcs  # noqa: F401
from calculators import serving_calcs  # noqa: F401
from calculators import inference_checks  # noqa: F401
from calculators import caching_calc  # noqa: F401
from calculators import usage_bill_calc  # noqa: F401
from calculators import cost_calc  # noqa: F401
from calculators import cost_tables  # noqa: F401
from calculators import caching_tables  # noqa: F401
from calculators import device_ratios  # noqa: F401
from calculators import batching_calcs  # noqa: F401
from calculators import budget_calcs  # noqa: F401
from calculators import budget_tables  # noqa: F401
from calculators import embedding_calcs  # noqa: F401
from calculators import edge_calcs  # noqa: F401
from calculators import rag  # noqa: F401
from calculators import tool_rounds  # noqa: F401
from calculators import rag_context  # noqa: F401
from calculators import hop_checks  # noqa: F401
from calculators import validation  # noqa: F401

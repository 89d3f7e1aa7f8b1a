"""mljy: check progress reports against a government action plan.

The first plan is 嘉定区住宅小区建设“美丽家园”三年行动计划(2018-2020) (嘉府办发〔2018〕24号).
"""

__version__ = "0.1.0"

"""The words of the commands' own one-line messages (``mljy: …`` on stderr), zh and en."""

RUN: dict[str, tuple[str, str]] = {
    "month-format": ("{option} 应为 YYYY-MM，这里是“{text}”", "{option} must be YYYY-MM, not '{text}'"),
    "date-format": ("{option} 应为 YYYY-MM-DD，这里是“{text}”", "{option} must be YYYY-MM-DD, not '{text}'"),
    "month-outside-plan": ("{option} {period} 不在计划期内（{start} 至 {end}）",
                           "{option} {period} is outside the plan ({start} to {end})"),
    "year-outside-plan": ("--year {year} 不在计划期内（{first}–{last}）",
                          "--year {year} is outside the plan ({first}–{last})"),
    "no-usable-report": ("{directory} 中没有可用的报表，未生成页面",
                         "no usable report in {directory}; no page written"),
    "cannot-write": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "wrote-page": ("已生成 {path}（{period}，{size}）；{errors} 个错误，{warnings} 个警告",
                   "wrote {path} ({period}, {size}); {errors} errors, {warnings} warnings"),
    "out-is-folder": ("--out {out} 是文件夹，请给出文件名", "--out {out} is a folder; give a file name"),
    "quiet-and-verbose": ("-q 与 -v 不能同时使用", "-q and -v cannot be used together"),
    "validate-markdown": ("validate 不支持 markdown 格式：请用 table、json、github 或 junit",
                          "validate has no markdown format: use table, json, github or junit"),
    "nothing-to-validate": ("请给出要校验的文件或文件夹，或使用 --changed-since REF",
                            "give the files or folders to validate, or --changed-since REF"),
    "nothing-changed": ("自 {ref} 以来没有变更的 .yaml/.yml 文件，无需校验",
                        "no .yaml/.yml files changed since {ref}; nothing to validate"),
    "sentence-end": ("。", ". "),
    "nothing-to-summarise": ("没有可汇总的有效报表；可用 --period 指定月份查看未报送单位",
                             "no valid report to summarise; give --period to see who owes one"),
}
"""Each message (zh, en); ``{fields}`` are filled by :func:`meilijiayuan.messages.words.text`."""

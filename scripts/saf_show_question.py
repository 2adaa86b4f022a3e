#!/usr/bin/env python3
"""Print a SAF question file's question text and reference answers, and nothing else.

The SAF validity benchmark (Benchmarks/saf/) is only honest if each rubric is written from
the question and its reference answers before anyone reads a student answer, score or
feedback. This is the one way a rubric author reads a question file: it never prints
<studentAnswers> or anything under it.

    python3 scripts/saf_show_question.py Benchmarks/saf/data/training/english/2.1_DLL.xml
"""
import sys
import xml.etree.ElementTree as ET

# Elements that carry student work or a marker's judgement; never printed, even if nested
# somewhere unexpected.
FORBIDDEN = {"studentAnswers", "studentAnswer", "response", "response_feedback",
             "score", "verification_feedback"}


def visible_text(element):
    """The element's text, skipping any forbidden descendant."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in FORBIDDEN:
            parts.append(visible_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def main(argv):
    if len(argv) != 2:
        print("usage: saf_show_question.py FILE.xml", file=sys.stderr)
        return 2
    root = ET.parse(argv[1]).getroot()
    question = root if root.tag == "question" else root.find(".//question")
    if question is None:
        print(f"{argv[1]}: no <question> element", file=sys.stderr)
        return 1
    text = question.find("questionText")
    references = question.find("referenceAnswers")
    print("== questionText ==")
    print(visible_text(text).strip() if text is not None else "(none)")
    print("== referenceAnswers ==")
    print(visible_text(references).strip() if references is not None else "(none)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Hypothesis strategies for valid reports: every reference resolves, every value fits the schema.

Text is drawn from a wide alphabet (Devanagari, Chinese, Cyrillic, curly quotes,
TOML-significant characters such as quotes, backslashes and triple quotes) so that
round trips through TOML, DOCX and import are tested where they break.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from rapporteur import model as m

_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ.,;:!?'-()")
    + ['"', "\\", "#", "=", "[", "]", "{", "}", "“", "”", "‘", "’", "é", "à", "ñ", "—", "–", "…"]
    + list("नमस्ते भारत")
    + list("中国外交部")
    + list("Россия")
    + ["\t"]
)

words = st.text(alphabet=_ALPHABET, min_size=1, max_size=40).filter(lambda s: s.strip() != "")
line = st.lists(words, min_size=1, max_size=4).map(" ".join).map(str.strip).filter(bool)
paragraph = st.lists(words, min_size=1, max_size=12).map(" ".join).map(str.strip).filter(bool)
prose = st.lists(paragraph, min_size=1, max_size=3).map("\n\n".join).map(m.normalise_text)
opt_line = st.none() | line
ids = st.from_regex(r"[a-z][a-z0-9_-]{0,12}", fullmatch=True)
dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))
times = st.times().map(lambda t: t.replace(microsecond=0))


@st.composite
def reports(draw, max_people: int = 5) -> m.Report:
    person_ids = draw(st.lists(ids, min_size=1, max_size=max_people, unique=True))
    people = [
        m.Person(
            id=pid,
            honorific=draw(
                st.none()
                | st.sampled_from(["Dr.", "Ms.", "Shri", "Ambassador", "Maj. Gen. (Dr.)", "Gp. Capt. (Dr.)", "Prof."])
            ),
            name=draw(line),
            post_nominals=draw(st.none() | st.just("(Retd.)")),
            designation=draw(opt_line),
            affiliation=draw(opt_line),
            centre=draw(opt_line),
        )
        for pid in person_ids
    ]
    pid = st.sampled_from(person_ids)
    start = draw(st.none() | times)
    end = None
    if start is not None and start < dt.time(23, 0):
        end = draw(st.none() | st.just(dt.time(start.hour + 1, start.minute)))
    event = m.Event(
        title=draw(line),
        series=draw(opt_line),
        form=draw(st.sampled_from(m.FORMS)),
        date=draw(dates),
        start_time=start,
        end_time=end,
        venue=draw(opt_line),
        mode=draw(st.sampled_from(["in-person", "online", "hybrid"])),
        organiser=m.Organiser(name=draw(line), short_name=draw(opt_line)),
        attendance=draw(opt_line),
        attendees=draw(st.lists(pid, max_size=2, unique=True)),
        chatham_house=draw(st.booleans()),
    )
    sections = st.builds(m.Section, heading=opt_line, text=prose)
    presentations = st.builds(
        m.Presentation,
        speakers=st.lists(pid, min_size=1, max_size=2, unique=True),
        title=opt_line,
        sections=st.lists(sections, min_size=1, max_size=3),
    )
    responses = st.builds(m.Response, by=st.none() | pid, text=prose)

    @st.composite
    def questions(d):
        named = d(st.booleans())
        return m.Question(
            asker=d(pid) if named else None,
            asker_description=None if named else d(opt_line),
            text=d(prose),
            responses=d(st.lists(responses, max_size=2)),
        )

    discussion = st.builds(
        m.Discussion,
        intro=st.none() | prose,
        questions=st.lists(questions(), max_size=3),
        observations=st.none() | prose,
        issues_raised=st.lists(line, max_size=3),
    )
    sessions = st.builds(
        m.Session,
        title=opt_line,
        roles=st.lists(
            st.builds(m.Appearance, role=st.sampled_from(["chair", "moderator"]), people=st.lists(pid, max_size=1)),
            max_size=2,
        ),
        introduction=st.none() | prose,
        presentations=st.lists(presentations, min_size=1, max_size=2),
        discussion=st.none() | discussion,
    )
    rapporteur = st.one_of(
        st.builds(m.Rapporteur, person=pid, place=opt_line),
        st.builds(
            m.Rapporteur,
            honorific=opt_line,
            name=line,
            designation=opt_line,
            centre=opt_line,
            organisation=opt_line,
            place=opt_line,
        ),
    )
    return m.Report(
        meta=m.Meta(
            schema_version=2,
            status=draw(st.sampled_from(["draft", "review", "final"])),
            tags=draw(st.lists(line, max_size=3)),
            notes=draw(st.none() | prose),
        ),
        event=event,
        people=people,
        lead=draw(st.none() | st.builds(m.Lead, text=prose)),
        summary=draw(st.none() | st.builds(m.Summary, text=prose)),
        remarks=draw(
            st.lists(
                st.builds(
                    m.Remark,
                    role=st.sampled_from(m.REMARK_ROLES),
                    by=st.none() | pid,
                    title=opt_line,
                    text=prose,
                ).map(
                    lambda r: r.model_copy(update={"label": "Lamp lighting"}) if r.role == "other" else r
                ),  # "other" needs a label
                max_size=3,
            )
        ),
        sessions=draw(st.lists(sessions, min_size=1, max_size=2)),
        discussion=draw(st.none() | discussion),
        implications=draw(st.none() | st.builds(m.Implications, audience=line, text=prose)),
        conclusion=draw(
            st.none() | st.builds(m.Conclusion, text=st.none() | prose, takeaways=st.lists(line, max_size=3))
        ),
        rapporteur=draw(st.none() | rapporteur),
    )

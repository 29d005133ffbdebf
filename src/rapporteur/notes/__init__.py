"""Notes taken during the event, and the report drafted from them.

The core of note-taking, with no knowledge of the terminal: what a typed line means
(:mod:`.kinds`), how each committed note is made durable at once (:mod:`.journal`),
the state of a capture session (:mod:`.session`) and the drafter that turns notes
into report parts (:mod:`.draft`). The capture screen and the commands are thin
shells over these.
"""

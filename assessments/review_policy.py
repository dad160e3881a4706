"""The review rules' figures, each in one place with the reason for its value."""

# "Accept all at or above X": the confidence at which the reader is measured at least 0.99
# precise on the dev corpus (../shared/corpus/); the figure is set by the engine's
# calibration, and only answers that add no risk points are ever accepted in bulk.
ACCEPT_ABOVE_DEFAULT = 0.9

# "Does not look like a privacy statement": a real statement, however short, names what it
# collects, why, who receives it and the reader's rights, so the reader answers well over
# five of the 35 questions; a terms-of-sale page or a stray paste answers almost none. Under
# 200 characters there is no room for even that much.
MIN_STATED_TOPICS = 5
MIN_STATEMENT_CHARS = 200

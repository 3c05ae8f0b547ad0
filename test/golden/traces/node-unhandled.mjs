// A promise of Node's the program never reacts to, rejected: Node reports it as the program's
// unhandled rejection, and the trace shows it, placed at the call that made it.
fetch('bad://nowhere');

package common

import "github.com/charmbracelet/bubbles/key"

// KeyMap holds every binding of the app, grouped by where it acts; help,
// the footer and the tables of docs/app.md come from it, so what they show is
// what the keys do; the key table test keeps two bindings that act
// together off one key.
type KeyMap struct {
	// Moving in lists and texts, the same in every screen.
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	Open, Back, Filter                      key.Binding

	Global      GlobalKeys
	Agenda      AgendaKeys
	Scores      ScoresKeys
	Compare     CompareKeys
	Notes       NotesKeys
	Delegations DelegationsKeys
	FilterBox   FilterKeys
	Present     PresentKeys
	Chair       ChairKeys
	Editor      EditorKeys
	Conflict    ConflictKeys
	Recovery    RecoveryKeys
	Export      ExportKeys
	HelpPage    HelpPageKeys
	Rescue      RescueKeys
	Search      SearchKeys
}

// GlobalKeys act in every view when nothing has the keyboard.
type GlobalKeys struct {
	Agenda, Scores, Delegations, Notes, NextView, PrevView key.Binding
	About, Help, Quit, Export, Present, PresentDeck        key.Binding
	ForceQuit                                              key.Binding // even while typing
	ClockForward, ClockBack                                key.Binding // with --now only
	// In a room: follow the presenter, ask for the floor, the chair's
	// panel; and copy the selection as text.
	Follow, Floor, Chair, Copy key.Binding
	Search                     key.Binding // find everywhere
}

// SearchKeys act in the search page (every other key types).
type SearchKeys struct {
	Open, Up, Down, PageUp, PageDown, Close key.Binding
}

// AgendaKeys act on the agenda's list and detail.
type AgendaKeys struct {
	Edit, Star, StarredOnly, ComparePresenters, Now key.Binding
}

// ScoresKeys act on the ranking table.
type ScoresKeys struct {
	Sort, Reverse, Subs, PrevEdition, NextEdition, Group, Mark, Compare, Card key.Binding
}

// CompareKeys act in Compare.
type CompareKeys struct {
	ByPillar, Drill key.Binding // v toggles: by pillar, then overall again
}

// NotesKeys and DelegationsKeys act in those views.
type (
	NotesKeys       struct{ GoTo, ByDelegation, Minutes, Edit, Approve key.Binding }
	DelegationsKeys struct{ GoTo, Present key.Binding }
)

// FilterKeys act while a filter has the keyboard.
type FilterKeys struct {
	Keep, Clear, Up, Down key.Binding
}

// ChairKeys act in the chair's panel.
type ChairKeys struct {
	Give, End, Skip, Drop, MoveUp, MoveDown, Add, Open, Close, Clear, Leave key.Binding
}

// PresentKeys act on the projector.
type PresentKeys struct {
	Next, Prev, First, Last, Blank, Leave key.Binding
	TakeOver                              key.Binding // in a room, from another presenter
}

// EditorKeys act in the note editor, where every other key is text.
type EditorKeys struct {
	Save, Leave, Stamp, External, SaveQuit                         key.Binding
	Left, Right, Up, Down, WordLeft, WordRight                     key.Binding
	Home, End, Top, Bottom, PageUp, PageDown                       key.Binding
	Newline, Tab, Backspace, Delete, KillToEnd, KillToStart        key.Binding
	Undo, Redo, CutWord, CutWordForward, CutWordBack, Cut          key.Binding
	CopyText, Paste, Find, FindNext, FindPrev, Speaker, EditorHelp key.Binding
	Select                                                         key.Binding // shift with a motion
}

// ConflictKeys answer a note that changed on disk under unsaved typing.
type ConflictKeys struct{ Mine, Theirs, Beside key.Binding }

// RecoveryKeys answer unsaved notes found at start.
type RecoveryKeys struct{ Restore, Discard key.Binding }

// ExportKeys pick an export after x.
type ExportKeys struct{ Report, Calendar, JSON, ChartSVG, ChartPNG, Cancel key.Binding }

// RescueKeys answer a note that can be neither saved nor journalled when
// quitting.
type RescueKeys struct{ Write, Discard, Back key.Binding }

// HelpPageKeys act on the full help page.
type HelpPageKeys struct{ Close key.Binding }

// DefaultKeyMap returns plenary's keys.
func DefaultKeyMap() KeyMap {
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	return KeyMap{
		Up:       b(k("k", "up"), h("↑/k", "up")),
		Down:     b(k("j", "down"), h("↓/j", "down")),
		Top:      b(k("g", "home"), h("g/home", "first")),
		Bottom:   b(k("G", "end"), h("G/end", "last")),
		PageUp:   b(k("pgup", "ctrl+u"), h("pgup", "page up")),
		PageDown: b(k("pgdown", "ctrl+d"), h("pgdn", "page down")),
		Open:     b(k("enter"), h("enter", "open")),
		Back:     b(k("esc"), h("esc", "back")),
		Filter:   b(k("/"), h("/", "filter")),
		Global: GlobalKeys{
			Agenda:       b(k("1"), h("1", "agenda")),
			Scores:       b(k("2"), h("2", "scores")),
			Delegations:  b(k("3"), h("3", "delegations")),
			Notes:        b(k("4"), h("4", "notes")),
			NextView:     b(k("tab"), h("tab", "next view")),
			PrevView:     b(k("shift+tab"), h("shift+tab", "previous view")),
			About:        b(k("i"), h("i", "about the meeting")),
			Help:         b(k("?"), h("?", "help")),
			Quit:         b(k("q"), h("q", "quit")),
			ForceQuit:    b(k("ctrl+c"), h("ctrl+c", "quit, even while typing")),
			Export:       b(k("x"), h("x", "export")),
			Present:      b(k("p"), h("p", "present this")),
			PresentDeck:  b(k("P"), h("P", "present the deck")),
			ClockForward: b(k(">"), h(">", "clock +5 min")),
			ClockBack:    b(k("<"), h("<", "clock −5 min")),
			Follow:       b(k("F"), h("F", "follow the presenter")),
			Floor:        b(k("r"), h("r", "ask for the floor")),
			Chair:        b(k("Q"), h("Q", "chair's panel")),
			Copy:         b(k("y"), h("y", "copy as text")),
			Search:       b(k("ctrl+f"), h("ctrl+f", "find everywhere")),
		},
		Agenda: AgendaKeys{
			Edit:              b(k("e"), h("e", "edit notes")),
			Star:              b(k("*"), h("*", "star")),
			StarredOnly:       b(k("f"), h("f", "starred only")),
			ComparePresenters: b(k("c"), h("c", "compare presenters")),
			Now:               b(k("n"), h("n", "go to now")),
		},
		Scores: ScoresKeys{
			Sort:        b(k("s"), h("s", "sort column")),
			Reverse:     b(k("S"), h("S", "reverse sort")),
			Subs:        b(k("v"), h("v", "sub-pillars")),
			PrevEdition: b(k("["), h("[", "previous edition")),
			NextEdition: b(k("]"), h("]", "next edition")),
			Group:       b(k("o"), h("o", "group")),
			Mark:        b(k(" "), h("space", "mark, then down")),
			Compare:     b(k("c"), h("c", "compare marked")),
			Card:        b(k("enter"), h("enter", "country card")),
		},
		Compare: CompareKeys{
			ByPillar: b(k("v"), h("v", "by pillar")),
			Drill:    b(k("enter"), h("enter", "sub-pillars")),
		},
		Notes: NotesKeys{GoTo: b(k("enter"), h("enter", "go to session")), ByDelegation: b(k("v"), h("v", "by delegation")),
			Minutes: b(k("m"), h("m", "read the minutes")), Edit: b(k("e"), h("e", "edit this session's notes")),
			Approve: b(k("s"), h("s", "approve / back to draft"))},
		Delegations: DelegationsKeys{GoTo: b(k("enter"), h("enter", "go to session")), Present: b(k(" "), h("space", "present today"))},
		FilterBox: FilterKeys{
			Keep:  b(k("enter"), h("enter", "keep filter")),
			Clear: b(k("esc"), h("esc", "clear filter")),
			Up:    b(k("up"), h("↑", "up")),
			Down:  b(k("down"), h("↓", "down")),
		},
		Chair: ChairKeys{
			Give:     b(k("enter"), h("enter", "give the floor")),
			End:      b(k("e"), h("e", "end the turn")),
			Skip:     b(k("s"), h("s", "skip: first to the back")),
			Drop:     b(k("d"), h("d", "take off the list")),
			MoveUp:   b(k("K"), h("K", "move up")),
			MoveDown: b(k("J"), h("J", "move down")),
			Add:      b(k("a"), h("a", "add a delegation")),
			Open:     b(k("o"), h("o", "open the session")),
			Close:    b(k("c"), h("c", "close the session")),
			Clear:    b(k("x"), h("x", "clear the list")),
			Leave:    b(k("esc"), h("esc", "leave")),
		},
		Present: PresentKeys{
			Next:     b(k("right", " ", "l", "pgdown", "enter"), h("→/space", "next")),
			Prev:     b(k("left", "backspace", "h", "pgup"), h("←/backspace", "previous")),
			First:    b(k("home", "g"), h("g/home", "first")),
			Last:     b(k("end", "G"), h("G/end", "last")),
			Blank:    b(k("b"), h("b", "blank screen")),
			Leave:    b(k("esc"), h("esc", "leave")),
			TakeOver: b(k("T"), h("T", "take over the room")),
		},
		Editor: EditorKeys{
			Save:        b(k("ctrl+s"), h("ctrl+s", "save")),
			Leave:       b(k("esc"), h("esc", "save and leave")),
			Stamp:       b(k("ctrl+t"), h("ctrl+t", "time stamp")),
			External:    b(k("ctrl+e"), h("ctrl+e", "$EDITOR")),
			SaveQuit:    b(k("ctrl+c"), h("ctrl+c", "save and quit")),
			Left:        b(k("left"), h("←", "left")),
			Right:       b(k("right"), h("→", "right")),
			Up:          b(k("up"), h("↑", "up")),
			Down:        b(k("down"), h("↓", "down")),
			WordLeft:    b(k("ctrl+left", "alt+b"), h("ctrl+←", "word left")),
			WordRight:   b(k("ctrl+right", "alt+f"), h("ctrl+→", "word right")),
			Home:        b(k("home", "ctrl+a"), h("home", "line start")),
			End:         b(k("end"), h("end", "line end")),
			Top:         b(k("ctrl+home"), h("ctrl+home", "text start")),
			Bottom:      b(k("ctrl+end"), h("ctrl+end", "text end")),
			PageUp:      b(k("pgup"), h("pgup", "page up")),
			PageDown:    b(k("pgdown"), h("pgdn", "page down")),
			Newline:     b(k("enter"), h("enter", "new line")),
			Tab:         b(k("tab"), h("tab", "four spaces")),
			Backspace:   b(k("backspace"), h("backspace", "delete back")),
			Delete:      b(k("delete"), h("delete", "delete")),
			KillToEnd:   b(k("ctrl+k"), h("ctrl+k", "cut to line end")),
			KillToStart: b(k("ctrl+u"), h("ctrl+u", "cut to line start")),

			Undo:           b(k("ctrl+z"), h("ctrl+z", "undo")),
			Redo:           b(k("ctrl+y"), h("ctrl+y", "redo")),
			CutWord:        b(k("ctrl+w"), h("ctrl+w", "cut word back")),
			CutWordForward: b(k("alt+d"), h("alt+d", "cut word")),
			CutWordBack:    b(k("alt+backspace"), h("alt+backspace", "cut word back")),
			Cut:            b(k("ctrl+x"), h("ctrl+x", "cut selection or line")),
			CopyText:       b(k("alt+w"), h("alt+w", "copy selection or line")),
			Select: b(k("shift+left", "shift+right", "shift+up", "shift+down", "shift+home", "shift+end",
				"ctrl+shift+left", "ctrl+shift+right", "ctrl+shift+home", "ctrl+shift+end"), h("shift+arrows", "select")),
			Paste:      b(k("ctrl+v"), h("ctrl+v", "paste")),
			Find:       b(k("ctrl+f"), h("ctrl+f", "find")),
			FindNext:   b(k("ctrl+n"), h("ctrl+n", "next match")),
			FindPrev:   b(k("ctrl+p"), h("ctrl+p", "previous match")),
			Speaker:    b(k("ctrl+o"), h("ctrl+o", "the speaker's name")),
			EditorHelp: b(k("f1", "ctrl+g"), h("F1", "the editor's keys")),
		},
		Conflict: ConflictKeys{
			Mine:   b(k("m"), h("m", "keep mine")),
			Theirs: b(k("t"), h("t", "take theirs")),
			Beside: b(k("b"), h("b", "mine beside, take theirs")),
		},
		Recovery: RecoveryKeys{
			Restore: b(k("r"), h("r", "restore")),
			Discard: b(k("d"), h("d", "discard")),
		},
		Export: ExportKeys{
			Report:   b(k("r"), h("r", "report")),
			Calendar: b(k("i"), h("i", "calendar")),
			JSON:     b(k("j"), h("j", "JSON")),
			ChartSVG: b(k("s"), h("s", "chart on screen (SVG)")),
			ChartPNG: b(k("g"), h("g", "chart on screen (PNG)")),
			Cancel:   b(k("esc"), h("esc", "cancel")),
		},
		HelpPage: HelpPageKeys{Close: b(k("esc", "?"), h("esc/?", "close help"))},
		Rescue: RescueKeys{
			Write:   b(k("enter"), h("enter", "write it there, then quit")),
			Discard: b(k("ctrl+d"), h("ctrl+d", "discard it and quit")),
			Back:    b(k("esc"), h("esc", "back to the note")),
		},
		Search: SearchKeys{
			Open:     b(k("enter"), h("enter", "open it")),
			Up:       b(k("up", "ctrl+p"), h("↑", "up")),
			Down:     b(k("down", "ctrl+n"), h("↓", "down")),
			PageUp:   b(k("pgup"), h("pgup", "page up")),
			PageDown: b(k("pgdown"), h("pgdn", "page down")),
			Close:    b(k("esc"), h("esc", "close")),
		},
	}
}

package ui

import "github.com/charmbracelet/bubbles/key"

// KeyMap holds every binding; help is generated from it, so what the footer
// shows is what the keys do.
type KeyMap struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	Open, Back, Filter, About               key.Binding
	Agenda, Delegations, Notes              key.Binding
	NextView, PrevView                      key.Binding
	Help, Quit                              key.Binding

	// Scores and Compare
	Scores, Home, End, Sort, Reverse, Subs, PrevEdition, NextEdition key.Binding
	Group, Mark, Compare, Card                                       key.Binding

	// Notes and the personal agenda
	Edit, Star, StarredOnly, Export, Present key.Binding

	// The meeting clock
	NowKey, ClockForward, ClockBack key.Binding
}

// DefaultKeyMap returns plenary's keys.
func DefaultKeyMap() KeyMap {
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	return KeyMap{
		Up:           b(k("k", "up"), h("↑/k", "up")),
		Down:         b(k("j", "down"), h("↓/j", "down")),
		Top:          b(k("g", "home"), h("g/home", "first")),
		Bottom:       b(k("G", "end"), h("G/end", "last")),
		PageUp:       b(k("pgup", "ctrl+u"), h("pgup", "page up")),
		PageDown:     b(k("pgdown", "ctrl+d"), h("pgdn", "page down")),
		Open:         b(k("enter"), h("enter", "open")),
		Back:         b(k("esc"), h("esc", "back")),
		Filter:       b(k("/"), h("/", "filter")),
		About:        b(k("i"), h("i", "about")),
		Agenda:       b(k("1"), h("1", "agenda")),
		Delegations:  b(k("3"), h("3", "delegations")),
		Notes:        b(k("4"), h("4", "notes")),
		NextView:     b(k("tab"), h("tab", "next view")),
		PrevView:     b(k("shift+tab"), h("shift+tab", "previous view")),
		Help:         b(k("?"), h("?", "help")),
		Quit:         b(k("q", "ctrl+c"), h("q", "quit")),
		Scores:       b(k("2"), h("2", "scores")),
		Home:         b(k("home"), h("home", "first")),
		End:          b(k("end", "G"), h("G/end", "last")),
		Sort:         b(k("s"), h("s", "sort column")),
		Reverse:      b(k("S"), h("S", "reverse sort")),
		Subs:         b(k("v"), h("v", "sub-pillars")),
		PrevEdition:  b(k("["), h("[", "previous edition")),
		NextEdition:  b(k("]"), h("]", "next edition")),
		Group:        b(k("g"), h("g", "group")),
		Mark:         b(k(" "), h("space", "mark")),
		Compare:      b(k("c"), h("c", "compare")),
		Card:         b(k("enter"), h("enter", "country card")),
		Edit:         b(k("e"), h("e", "edit notes")),
		Star:         b(k("*"), h("*", "star")),
		StarredOnly:  b(k("f"), h("f", "starred only")),
		Export:       b(k("x"), h("x", "export")),
		Present:      b(k("p"), h("p", "present")),
		NowKey:       b(k("n"), h("n", "go to now")),
		ClockForward: b(k(">"), h(">", "clock +5 min")),
		ClockBack:    b(k("<"), h("<", "clock −5 min")),
	}
}

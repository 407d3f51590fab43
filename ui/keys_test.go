package ui

import (
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"

	"codeberg.org/plenary/plenary/ui/common"
)

// bindings are the key.Binding fields of a key group, by name.
func bindings(group any) map[string]key.Binding {
	out := map[string]key.Binding{}
	v := reflect.ValueOf(group)
	for i := range v.NumField() {
		if b, ok := v.Field(i).Interface().(key.Binding); ok {
			out[v.Type().Field(i).Name] = b
		}
	}
	return out
}

// TestKeyTable: in every place where keys act together, no two bindings
// share a key, and every binding says what it does.
func TestKeyTable(t *testing.T) {
	k := common.DefaultKeyMap()
	nav := map[string]key.Binding{"Up": k.Up, "Down": k.Down, "Top": k.Top, "Bottom": k.Bottom,
		"PageUp": k.PageUp, "PageDown": k.PageDown, "Back": k.Back, "Filter": k.Filter}
	global := bindings(k.Global)
	quitHelp := map[string]key.Binding{"Quit": k.Global.Quit, "Help": k.Global.Help}
	open := map[string]key.Binding{"Open": k.Open}
	editions := map[string]key.Binding{"PrevEdition": k.Scores.PrevEdition, "NextEdition": k.Scores.NextEdition}
	scopes := map[string][]map[string]key.Binding{
		"agenda":      {global, nav, open, bindings(k.Agenda)},
		"scores":      {global, nav, bindings(k.Scores)},
		"compare":     {global, nav, editions, bindings(k.Compare)},
		"notes":       {global, nav, bindings(k.Notes)},
		"delegations": {global, nav, bindings(k.Delegations)},
		"filter":      {bindings(k.FilterBox)},
		"editor":      {bindings(k.Editor)},
		"conflict":    {bindings(k.Conflict), {"SaveQuit": k.Editor.SaveQuit}},
		"present":     {quitHelp, bindings(k.Present)},
		"chair":       {quitHelp, {"Up": k.Up, "Down": k.Down}, bindings(k.Chair)},
		"recovery":    {quitHelp, bindings(k.Recovery)},
		"export":      {quitHelp, bindings(k.Export)},
		"rescue":      {{"ForceQuit": k.Global.ForceQuit}, bindings(k.Rescue)},
		"help page": {{"Quit": k.Global.Quit, "Up": k.Up, "Down": k.Down, "Top": k.Top, "Bottom": k.Bottom,
			"PageUp": k.PageUp, "PageDown": k.PageDown}, bindings(k.HelpPage)},
	}
	for scope, groups := range scopes {
		owner := map[string]string{}
		for _, g := range groups {
			for name, b := range g {
				for _, ks := range b.Keys() {
					if prev, ok := owner[ks]; ok && prev != name {
						t.Errorf("%s: %q is both %s and %s", scope, ks, prev, name)
					}
					owner[ks] = name
				}
			}
		}
	}
	// Every binding says what it does.
	for _, g := range []any{k.Global, k.Agenda, k.Scores, k.Compare, k.Notes, k.Delegations, k.FilterBox, k.Present, k.Chair, k.Editor, k.Conflict, k.Recovery, k.Export, k.HelpPage} {
		for name, b := range bindings(g) {
			if b.Enabled() && (b.Help().Key == "" || b.Help().Desc == "") {
				t.Errorf("%s has no help", name)
			}
		}
	}

}

// TestFooterAlwaysShowsHelpAndQuit: wherever q quits and ? helps, the
// footer says so, however narrow; where keys are text, it says how to
// leave instead.
func TestFooterAlwaysShowsHelpAndQuit(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {80, 24}} {
		for _, steps := range []string{"", "2", "2  c", "3", "4", "x", "p"} {
			model, _ := notesModel(t, size[0], size[1])
			model = send(model, keys(steps)...)
			lines := strings.Split(model.View(), "\n")
			last := lines[len(lines)-1]
			if topName(model) == "presentation" {
				continue // the projector shows no help; ? opens it
			}
			if !strings.Contains(last, "? help") || !strings.Contains(last, "q quit") {
				t.Errorf("%dx%d after %q: footer %q", size[0], size[1], steps, last)
			}
		}
		model, _ := notesModel(t, size[0], size[1])
		model = send(model, keys("/")...)
		lines := strings.Split(model.View(), "\n")
		if last := lines[len(lines)-1]; strings.Contains(last, "q quit") || !strings.Contains(last, "esc clear filter") {
			t.Errorf("%dx%d in the filter: footer %q", size[0], size[1], last)
		}
	}
}

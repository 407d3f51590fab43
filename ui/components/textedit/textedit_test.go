package textedit

import (
	"fmt"
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"codeberg.org/plenary/plenary/ui/common"
)

func typeInto(e *TextEdit, s string) {
	for _, r := range s {
		if r == '\n' {
			e.Update(tea.KeyMsg{Type: tea.KeyEnter})
			continue
		}
		e.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func TestTextEditEditing(t *testing.T) {
	e := NewTextEdit(common.DefaultKeyMap().Editor)
	e.SetSize(20, 5)
	typeInto(e, "hello world\nsecond")
	if e.Value() != "hello world\nsecond" || e.Words() != 3 {
		t.Fatalf("value %q words %d", e.Value(), e.Words())
	}
	e.Update(tea.KeyMsg{Type: tea.KeyUp})
	e.Update(tea.KeyMsg{Type: tea.KeyEnd})
	e.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	e.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	typeInto(e, "LD")
	if e.Value() != "hello worLD\nsecond" {
		t.Errorf("after editing line 1: %q", e.Value())
	}
	// Join lines with delete at the end of the first.
	e.Update(tea.KeyMsg{Type: tea.KeyDelete})
	if e.Value() != "hello worLDsecond" || e.Words() != 2 {
		t.Errorf("delete joins: %q %d", e.Value(), e.Words())
	}
	e.Update(tea.KeyMsg{Type: tea.KeyHome})
	e.Update(tea.KeyMsg{Type: tea.KeyCtrlK})
	if e.Value() != "" {
		t.Errorf("ctrl+k: %q", e.Value())
	}
	// Pasted text with newlines and escape sequences.
	e.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a\x1b[2Jb\nc\td"), Paste: true})
	if e.Value() != "ab\nc    d" {
		t.Errorf("paste: %q", e.Value())
	}
	// Wide characters.
	e.SetValue("")
	typeInto(e, "대한민국 Türkiye")
	e.Update(tea.KeyMsg{Type: tea.KeyLeft})
	e.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	if e.Value() != "대한민국 Türkie" {
		t.Errorf("wide: %q", e.Value())
	}
}

func TestTextEditWrapAndScroll(t *testing.T) {
	e := NewTextEdit(common.DefaultKeyMap().Editor)
	e.SetSize(12, 3)
	e.SetValue(strings.Repeat("word ", 10) + "\nD: decided\nlast")
	th := common.NewTheme(lipgloss.NewRenderer(io.Discard))
	v := e.View(th, true)
	lines := strings.Split(v, "\n")
	if len(lines) != 3 {
		t.Fatalf("%d rows", len(lines))
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 12+2 {
			t.Errorf("row %q wider than the editor", l)
		}
	}
	if !strings.Contains(v, "last") || !strings.Contains(v, "D decided") && !strings.Contains(v, "D D: decided") {
		t.Errorf("the cursor's rows are not on screen:\n%s", v)
	}
	e.Top()
	if v := e.View(th, true); !strings.HasPrefix(strings.Split(v, "\n")[0], "  word") {
		t.Errorf("top: %q", v)
	}
	// Down moves by screen rows through the wrapped first line.
	e.Down()
	if e.Row != 0 || e.cursorSeg() != 1 {
		t.Errorf("down within a wrapped line: row %d seg %d", e.Row, e.cursorSeg())
	}
}

func BenchmarkEditorKeystroke100KB(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 100_000 {
		sb.WriteString("A: the quick brown fox jumps over the lazy dog and keeps typing notes @DEU due 2017-06-30\n")
	}
	e := NewTextEdit(common.DefaultKeyMap().Editor)
	e.SetSize(100, 30)
	e.SetValue(sb.String())
	th := common.NewTheme(lipgloss.NewRenderer(io.Discard))
	// Typing and deleting in turn keeps the text the same size whatever
	// b.N is, so the figure does not depend on how long the run is.
	ks := []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("x")}, {Type: tea.KeyBackspace}}
	i := 0
	for b.Loop() {
		e.Update(ks[i%2])
		i++
		_ = e.View(th, true)
	}
}

// TestTextEditPaste: a bracketed paste keeps its lines whatever their
// breaks (terminals send CR), tabs become the four spaces tab types, and
// control characters never enter the note.
func TestTextEditPaste(t *testing.T) {
	for name, in := range map[string]string{
		"CR":   "Line one pasted\rD: pasted decision\rLine\tthree\x1b[31m",
		"LF":   "Line one pasted\nD: pasted decision\nLine\tthree\x1b[31m",
		"CRLF": "Line one pasted\r\nD: pasted decision\r\nLine\tthree\x1b[31m",
	} {
		e := NewTextEdit(common.DefaultKeyMap().Editor)
		e.SetSize(40, 10)
		e.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(in), Paste: true})
		if got := e.Value(); got != "Line one pasted\nD: pasted decision\nLine    three" {
			t.Errorf("%s: %q", name, got)
		}
	}
	// A megabyte, 14,000 lines with wide characters, whole and in place.
	var sb strings.Builder
	for i := 0; sb.Len() < 1<<20; i++ {
		fmt.Fprintf(&sb, "[10:%02d] Delegation %d: remarks, line %d é中\r", i%60, i%40, i)
	}
	e := NewTextEdit(common.DefaultKeyMap().Editor)
	e.SetSize(40, 10)
	typeInto(e, "ab")
	e.Left()
	e.Paste(sb.String())
	want := "a" + strings.ReplaceAll(sb.String(), "\r", "\n") + "b"
	if got := e.Value(); got != want {
		t.Errorf("1 MB: %d bytes, want %d", len(got), len(want))
	}
	if e.Undo(); e.Value() != "ab" {
		t.Errorf("undoing the 1 MB paste: %d bytes", len(e.Value()))
	}
}

// TestTextEditUndo: undo goes back a word, a run of deletions, a paste or
// a cut at a time, redo forward; an edit after an undo drops the redo.
func TestTextEditUndo(t *testing.T) {
	e := NewTextEdit(common.DefaultKeyMap().Editor)
	e.SetSize(40, 10)
	key := func(k tea.KeyType) { e.Update(tea.KeyMsg{Type: k}) }
	typeInto(e, "agreed on data")
	if e.Value() != "agreed on data" {
		t.Fatal(e.Value())
	}
	key(tea.KeyCtrlZ) // the last word
	if e.Value() != "agreed on " {
		t.Errorf("undo a word: %q", e.Value())
	}
	key(tea.KeyCtrlZ)
	if e.Value() != "agreed " {
		t.Errorf("undo two words: %q", e.Value())
	}
	key(tea.KeyCtrlY)
	if e.Value() != "agreed on " {
		t.Errorf("redo: %q", e.Value())
	}
	key(tea.KeyBackspace)
	key(tea.KeyBackspace)
	key(tea.KeyBackspace)
	if e.Value() != "agreed " {
		t.Errorf("deleting: %q", e.Value())
	}
	key(tea.KeyCtrlY) // nothing to redo after an edit
	key(tea.KeyCtrlZ) // the three deletions at once
	if e.Value() != "agreed on " {
		t.Errorf("undo deletions: %q", e.Value())
	}
	e.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("pasted\rtwo"), Paste: true})
	key(tea.KeyCtrlZ)
	if e.Value() != "agreed on " {
		t.Errorf("undo a paste: %q", e.Value())
	}
}

// TestTextEditCutAndPaste: ctrl+w and alt+backspace cut the word back,
// alt+d the word forward, ctrl+k to the line's end, ctrl+x the line; ctrl+v
// pastes what was cut; wide characters count as one rune each.
func TestTextEditCutAndPaste(t *testing.T) {
	e := NewTextEdit(common.DefaultKeyMap().Editor)
	e.SetSize(40, 10)
	key := func(m tea.KeyMsg) { e.Update(m) }
	typeInto(e, "대한민국 공공데이터 정책")
	key(tea.KeyMsg{Type: tea.KeyCtrlW})
	if e.Value() != "대한민국 공공데이터 " {
		t.Errorf("ctrl+w: %q", e.Value())
	}
	key(tea.KeyMsg{Type: tea.KeyCtrlV})
	key(tea.KeyMsg{Type: tea.KeyCtrlV})
	if e.Value() != "대한민국 공공데이터 정책정책" {
		t.Errorf("ctrl+v: %q", e.Value())
	}
	key(tea.KeyMsg{Type: tea.KeyHome})
	key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("d"), Alt: true})
	if e.Value() != " 공공데이터 정책정책" {
		t.Errorf("alt+d: %q", e.Value())
	}
	key(tea.KeyMsg{Type: tea.KeyEnd})
	key(tea.KeyMsg{Type: tea.KeyBackspace, Alt: true})
	if e.Value() != " 공공데이터 " {
		t.Errorf("alt+backspace: %q", e.Value())
	}
	typeInto(e, "\nsecond line")
	key(tea.KeyMsg{Type: tea.KeyCtrlX})
	if e.Value() != " 공공데이터 " {
		t.Errorf("ctrl+x: %q", e.Value())
	}
	key(tea.KeyMsg{Type: tea.KeyCtrlV})
	if e.Value() != "second line\n 공공데이터 " { // as in nano: the line comes back above
		t.Errorf("ctrl+v of a cut line: %q", e.Value())
	}
}

// TestTextEditSelection: shift with the arrows selects across lines and
// wide characters; typing replaces the selection in one undo step;
// ctrl+x cuts it, alt+w copies it, ctrl+v puts it back; any motion lets
// it go; the selection is drawn in reverse video.
func TestTextEditSelection(t *testing.T) {
	e := NewTextEdit(common.DefaultKeyMap().Editor)
	e.SetSize(40, 10)
	key := func(ty tea.KeyType) { e.Update(tea.KeyMsg{Type: ty}) }
	typeInto(e, "대한민국 공공데이터\nsecond line")
	key(tea.KeyCtrlHome)
	for range 3 {
		key(tea.KeyRight)
	}
	key(tea.KeyShiftDown)
	key(tea.KeyShiftLeft)
	// ↓ keeps the screen column: three wide characters are six cells.
	if got := e.Selected(); got != "국 공공데이터\nsecon" {
		t.Errorf("selected %q", got)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI)
	v := e.View(common.NewTheme(r), true)
	if !strings.Contains(v, "\x1b[7m국 공공데이터\x1b[0m") || !strings.Contains(v, "\x1b[7msecon\x1b[0md line") {
		t.Errorf("the selection is not drawn in reverse video:\n%q", v)
	}
	e.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("X")})
	if e.Value() != "대한민Xd line" {
		t.Errorf("typing over the selection: %q", e.Value())
	}
	key(tea.KeyCtrlZ)
	if e.Value() != "대한민국 공공데이터\nsecond line" {
		t.Errorf("one undo did not bring the selection back: %q", e.Value())
	}
	// Select a word to the end of the line, cut it, paste it at the start.
	key(tea.KeyCtrlEnd)
	key(tea.KeyCtrlShiftLeft)
	if e.Selected() != "line" {
		t.Errorf("ctrl+shift+left selected %q", e.Selected())
	}
	key(tea.KeyCtrlX)
	if e.Value() != "대한민국 공공데이터\nsecond " || e.Copied != "line" {
		t.Errorf("ctrl+x of a selection: %q (copied %q)", e.Value(), e.Copied)
	}
	key(tea.KeyHome)
	key(tea.KeyCtrlV)
	if e.Value() != "대한민국 공공데이터\nlinesecond " {
		t.Errorf("ctrl+v: %q", e.Value())
	}
	// Shift+home selects to the line's start; alt+w copies and keeps it;
	// a motion lets it go; backspace then deletes one character only.
	key(tea.KeyShiftHome)
	e.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("w"), Alt: true})
	if e.Clip != "line" || e.Copied != "line" || e.Selected() != "line" {
		t.Errorf("alt+w: clip %q, copied %q, selected %q", e.Clip, e.Copied, e.Selected())
	}
	key(tea.KeyRight)
	if e.Selected() != "" {
		t.Errorf("a motion kept the selection %q", e.Selected())
	}
	key(tea.KeyBackspace)
	if e.Value() != "대한민국 공공데이터\ninesecond " {
		t.Errorf("backspace after the selection went: %q", e.Value())
	}
	// Backspace on a selection spanning lines joins them.
	key(tea.KeyCtrlHome)
	key(tea.KeyEnd)
	key(tea.KeyShiftRight)
	key(tea.KeyShiftRight)
	key(tea.KeyBackspace)
	if e.Value() != "대한민국 공공데이터nesecond " {
		t.Errorf("backspace over a line break: %q", e.Value())
	}
}

// TestTextEditMeasuresAsTheTerminal: the editor wraps and places the
// cursor by the cells the renderer draws (ansi.StringWidth, by grapheme
// cluster): a thumbs-up with a skin tone (two runes) is two cells, a
// letter with a combining accent one; no row is wider than the editor.
func TestTextEditMeasuresAsTheTerminal(t *testing.T) {
	e := NewTextEdit(common.DefaultKeyMap().Editor)
	e.SetSize(12, 6) // 11 cells of text, one for the cursor
	line := strings.Repeat("👍🏽", 8)
	e.SetValue(line)
	if got := e.wrap(0); len(got) != 2 || got[1] != 10 {
		t.Errorf("8 two-cell clusters in 11 cells wrap at %v, want [0 10] (5 clusters, 10 runes, a row)", got)
	}
	e.Home()
	e.Update(tea.KeyMsg{Type: tea.KeyRight})
	e.Update(tea.KeyMsg{Type: tea.KeyRight})
	if w := e.colWidth(0, 0, e.Col); w != 2 {
		t.Errorf("the cursor after one cluster is at cell %d, want 2", w)
	}
	th := common.NewTheme(lipgloss.NewRenderer(io.Discard))
	for _, l := range strings.Split(e.View(th, true), "\n") {
		if ansi.StringWidth(l) > 12+2 {
			t.Errorf("row %q is %d cells", l, ansi.StringWidth(l))
		}
	}
	e.SetValue(strings.Repeat("e\u0301", 20)) // é as e and a combining accent
	if got := e.wrap(0); len(got) != 2 || got[1] != 22 {
		t.Errorf("20 one-cell clusters wrap at %v, want [0 22]", got)
	}
}

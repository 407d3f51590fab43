package noteeditor

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/ui/common"
)

// conflictBody shows how the note on disk (theirs) and the text being
// typed (yours) differ: the lines around the first and last difference,
// theirs marked − and yours +, the words that differ in a changed line
// highlighted, every line wrapped to the width w; from is the first line
// that differs. The region between the common beginning and
// the common end is shown whole, so an edit in one place reads as it was
// made. It is worked out once per conflict, width and text: View and each
// scrolling key ask for it again.
func (ne *NoteEditor) conflictBody(w int) (body []string, from int) {
	if m := &ne.conflictMemo; m.disk == ne.Conflict && m.w == w && m.gen == ne.Gen {
		return m.body, m.from
	}
	body, from = ne.diffConflict(w)
	ne.conflictMemo = conflictMemo{disk: ne.Conflict, w: w, gen: ne.Gen, body: body, from: from}
	return body, from
}

// conflictMemo is the last conflict view worked out, and for what.
type conflictMemo struct {
	disk   *agenda.Note
	w, gen int
	body   []string
	from   int
}

// diffConflict lays the conflict view out (conflictBody).
func (ne *NoteEditor) diffConflict(w int) (body []string, from int) {
	t := ne.c.Theme
	theirs := strings.Split(strings.TrimSuffix(ne.Conflict.Text, "\n"), "\n")
	mine := strings.Split(ne.Ed.Value(), "\n")
	pre := 0
	for pre < len(theirs) && pre < len(mine) && theirs[pre] == mine[pre] {
		pre++
	}
	suf := 0
	for suf < len(theirs)-pre && suf < len(mine)-pre && theirs[len(theirs)-1-suf] == mine[len(mine)-1-suf] {
		suf++
	}
	const context = 2
	add := func(mark, line string) {
		for i, l := range strings.Split(ansi.Wrap(line, max(w-2, 8), " "), "\n") {
			if i > 0 {
				mark = "  "
			}
			body = append(body, common.Fit(mark+l, w))
		}
	}
	for _, l := range theirs[max(pre-context, 0):pre] {
		add("  ", l)
	}
	diff := lineDiff(theirs[pre:len(theirs)-suf], mine[pre:len(mine)-suf])
	for i := 0; i < len(diff); i++ {
		d := diff[i]
		switch {
		case d.op == '-' && i+1 < len(diff) && diff[i+1].op == '+':
			// A line changed: the words that differ stand out on both.
			a, b := wordDiff(d.line, diff[i+1].line)
			add(t.Error.Render("− "), highlight(a, t.Error, t.Error.Reverse(true)))
			add(t.Now.Render("+ "), highlight(b, t.Now, t.Now.Reverse(true)))
			i++
		case d.op == '-':
			add(t.Error.Render("− "), t.Error.Render(d.line))
		case d.op == '+':
			add(t.Now.Render("+ "), t.Now.Render(d.line))
		default:
			add("  ", d.line)
		}
	}
	for _, l := range theirs[len(theirs)-suf : min(len(theirs)-suf+context, len(theirs))] {
		add("  ", l)
	}
	return body, pre + 1
}

// conflictLines is the conflict view, h lines from ConflictTop.
func (ne *NoteEditor) conflictLines(w, h int) []string {
	t := ne.c.Theme
	body, from := ne.conflictBody(w)
	head := common.Fit(t.Label.Render(fmt.Sprintf("From line %d: − theirs (on disk now) · + yours (typed here)", from))+t.Subtle.Render(" · "+ne.differ), w)
	room := max(h-2, 1)
	top := max(min(ne.ConflictTop, len(body)-room), 0)
	where := ""
	if len(body) > room {
		where = fmt.Sprintf("lines %d–%d of %d · ↑/↓ pgup/pgdn scroll", top+1, min(top+room, len(body)), len(body))
	}
	out := append([]string{head, common.Fit(t.Subtle.Render(where), w)}, body[top:min(top+room, len(body))]...)
	for len(out) < h {
		out = append(out, strings.Repeat(" ", w))
	}
	return out
}

// piece is a run of a line's words, and whether the other side lacks it.
type piece struct {
	text    string
	changed bool
}

// wordDiff splits two versions of a line into the words they share and
// those that differ, by the longest common subsequence of their words
// (spaces kept), for lines up to 400 words each; longer ones differ whole.
func wordDiff(a, b string) (as, bs []piece) {
	wa, wb := words(a), words(b)
	if len(wa) > 400 || len(wb) > 400 {
		return []piece{{a, true}}, []piece{{b, true}}
	}
	lcs := make([][]int, len(wa)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(wb)+1)
	}
	for i := len(wa) - 1; i >= 0; i-- {
		for j := len(wb) - 1; j >= 0; j-- {
			if wa[i] == wb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(wa) || j < len(wb) {
		switch {
		case i < len(wa) && j < len(wb) && wa[i] == wb[j]:
			as, bs = append(as, piece{wa[i], false}), append(bs, piece{wb[j], false})
			i++
			j++
		case i < len(wa) && (j == len(wb) || lcs[i+1][j] >= lcs[i][j+1]):
			as = append(as, piece{wa[i], true})
			i++
		default:
			bs = append(bs, piece{wb[j], true})
			j++
		}
	}
	return as, bs
}

// words splits a line into words and the spaces between them.
func words(s string) []string {
	var out []string
	start := 0
	for i := 1; i <= len(s); i++ {
		if i == len(s) || (s[i] == ' ') != (s[i-1] == ' ') {
			out = append(out, s[start:i])
			start = i
		}
	}
	return out
}

// highlight draws pieces in style, those that differ in changed.
func highlight(ps []piece, style, changed lipgloss.Style) string {
	var b strings.Builder
	for _, p := range ps {
		if p.changed && strings.TrimSpace(p.text) != "" {
			b.WriteString(changed.Render(p.text))
		} else {
			b.WriteString(style.Render(p.text))
		}
	}
	return b.String()
}

type diffLine struct {
	op   byte // '-' theirs only, '+' yours only, ' ' both
	line string
}

// lineDiff is a line diff of a and b by their longest common subsequence,
// for regions up to 40,000 line pairs; larger ones are shown as a block
// removed and a block added.
func lineDiff(a, b []string) []diffLine {
	var out []diffLine
	if len(a)*len(b) > 40000 {
		for _, l := range a {
			out = append(out, diffLine{'-', l})
		}
		for _, l := range b {
			out = append(out, diffLine{'+', l})
		}
		return out
	}
	// lcs[i][j]: the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out = append(out, diffLine{' ', a[i]})
			i++
			j++
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, diffLine{'-', a[i]}) // theirs first, as diff shows them
			i++
		default:
			out = append(out, diffLine{'+', b[j]})
			j++
		}
	}
	return out
}

package noteeditor

import (
	"fmt"
	"strings"

	"codeberg.org/plenary/plenary/ui/common"
)

// conflictLines show how the note on disk (theirs) and the text being
// typed (yours) differ: the lines around the first and last difference,
// theirs marked − and yours +, for the conflict's choice. The region
// between the common beginning and the common end is shown whole, so an
// edit in one place reads as it was made; w is the width.
func (ne *NoteEditor) conflictLines(w, h int) []string {
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
	out := []string{common.Fit(t.Label.Render(fmt.Sprintf("From line %d: − theirs (on disk now) · + yours (typed here)", pre+1))+t.Subtle.Render(" · "+ne.differ), w), strings.Repeat(" ", w)}
	for _, l := range theirs[max(pre-context, 0):pre] {
		out = append(out, common.Fit("  "+l, w))
	}
	for _, d := range lineDiff(theirs[pre:len(theirs)-suf], mine[pre:len(mine)-suf]) {
		switch d.op {
		case '-':
			out = append(out, common.Fit(t.Error.Render("− "+d.line), w))
		case '+':
			out = append(out, common.Fit(t.Now.Render("+ "+d.line), w))
		default:
			out = append(out, common.Fit("  "+d.line, w))
		}
	}
	for _, l := range theirs[len(theirs)-suf : min(len(theirs)-suf+context, len(theirs))] {
		out = append(out, common.Fit("  "+l, w))
	}
	if len(out) > h {
		more := len(out) - h + 1
		out = append(out[:h-1], t.Subtle.Render(fmt.Sprintf("… %d more lines differ (b keeps both: yours is saved beside theirs)", more)))
	}
	for len(out) < h {
		out = append(out, strings.Repeat(" ", w))
	}
	return out
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

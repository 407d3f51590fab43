package presentation

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/components/markdown"
)

// PresenterView is what a presenter's second session shows (another
// terminal, or the laptop while the projector shows a follower): the
// current slide small, the next one's title, the presenter's notes, the
// meeting clock and the running session's time left. It follows the
// presentation through the room.
type PresenterView struct {
	c             *common.Common
	lead          *room.Showing
	width, height int
	body          string
}

func NewPresenterView(c *common.Common, sh *room.Showing) *PresenterView {
	return &PresenterView{c: c, lead: sh}
}

func (v *PresenterView) Place() common.Placement { return common.PlaceScreen }
func (v *PresenterView) Capturing() bool         { return false }
func (v *PresenterView) Title() string           { return "presenter view" }

func (v *PresenterView) SetSize(w, h int) {
	v.width, v.height = w, h
	v.Layout()
}

func (v *PresenterView) Follow(sh *room.Showing) {
	if sh == v.lead {
		return // the room changed elsewhere: the slide did not
	}
	v.lead = sh
	v.Layout()
}

// slides are the slide shown and the next, with the notes of the shown one
// (from the bundle's deck: the room never carries notes).
func (v *PresenterView) slides() (cur deck.Slide, next *deck.Slide, notes string) {
	cur = v.lead.Slide
	if d := v.c.Snap.Deck; v.lead.FromDeck && d != nil {
		if i := d.Index(cur.ID); i >= 0 {
			notes = d.Slides[i].Notes
			if i+1 < len(d.Slides) {
				next = &d.Slides[i+1]
			}
		}
	}
	return cur, next, notes
}

// Layout: a line of where and when, the current slide on the left half,
// the next slide's title and the notes on the right.
func (v *PresenterView) Layout() {
	if v.width == 0 || v.lead == nil {
		return
	}
	t := v.c.Theme
	cur, next, notes := v.slides()
	m := v.c.Snap.Meeting
	clock := v.c.Now().In(m.Location).Format("15:04")
	left := ""
	if note := common.SlideClock(m, m.AtMarked(v.c.Now(), v.c.Snap.Marks())); note != "" {
		left = " · " + note
	}
	head := common.Spread(t.Heading.Render(fmt.Sprintf("Presenter view · slide %d/%d", v.lead.Index+1, v.lead.Count))+left, t.Clock.Render(clock), v.width)
	lw := max(v.width/2, 20)
	rw := max(v.width-lw-3, 10)
	h := v.height - 2
	slide, _ := renderSlide(v.c, &cur, lw, h, v.lead.Page)
	var right []string
	right = append(right, t.Label.Render("Next"))
	if next != nil {
		right = append(right, markdown.WrapWords(t, markdown.PlainWords(next.Title), rw, "", "", 0)...)
	} else {
		right = append(right, t.Subtle.Render("(the last slide)"))
	}
	right = append(right, "", t.Label.Render("Notes"))
	if notes == "" {
		right = append(right, t.Subtle.Render("(none)"))
	}
	right = append(right, markdown.WrapWords(t, markdown.PlainWords(notes), rw, "", "", 0)...)
	ls := strings.Split(slide, "\n")
	var b strings.Builder
	b.WriteString(head)
	sep := t.Border.Render("│")
	for y := range h {
		b.WriteByte('\n')
		l, r := "", ""
		if y < len(ls) {
			l = ls[y]
		}
		if y < len(right) {
			r = right[y]
		}
		b.WriteString(common.Fit(l, lw) + " " + sep + " " + common.Fit(r, rw))
	}
	b.WriteByte('\n')
	if v.lead.Away {
		b.WriteString(common.Fit(t.Error.Render("Your presenting screen dropped · T presents from here"), v.width))
	} else {
		b.WriteString(common.Fit(t.Subtle.Render("esc leaves the presenter view · it follows your presentation"), v.width))
	}
	v.body = b.String()
}

func (v *PresenterView) View() string { return v.body }

func (v *PresenterView) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg.(type) {
	case common.ClockMsg, common.SnapshotMsg: // the clock; the deck's notes
		v.Layout()
		return nil, false
	case common.PersonMsg:
		return nil, !v.c.MayPresent()
	}
	km, ok := msg.(tea.KeyMsg)
	switch {
	case ok && key.Matches(km, v.c.Keys.Present.Leave):
		return nil, true
	case ok && v.lead.Away && key.Matches(km, v.c.Keys.Present.TakeOver):
		v.c.Ask(common.ResumeMsg{})
		return nil, true
	}
	return nil, false
}

func (v *PresenterView) ShortHelp() []key.Binding {
	if v.lead != nil && v.lead.Away {
		return []key.Binding{v.c.Keys.Present.TakeOver, v.c.Keys.Present.Leave}
	}
	return []key.Binding{v.c.Keys.Present.Leave}
}

func (v *PresenterView) FullHelp() [][]key.Binding { return [][]key.Binding{v.ShortHelp()} }

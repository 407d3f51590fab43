package bundle

import (
	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data"
)

// JSON is the bundle as JSON for other tools — the meeting, its sessions
// with the notes given (as the reader may see them) and the scores, if
// any — ending with a newline: what export json writes, from the command
// line, over SSH and from the app.
func JSON(m *agenda.Meeting, notes map[string]agenda.Note, scores *data.Dataset) ([]byte, error) {
	var model any
	if scores != nil {
		model = scores.JSONModel()
	}
	b, err := agenda.ExportJSON(m, notes, model)
	return append(b, '\n'), err
}

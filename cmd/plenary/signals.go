package main

import (
	"os"
	"os/signal"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/ui"
)

// forwardSignals turns SIGINT, SIGTERM and SIGHUP into a message that saves
// and quits; it returns a function that stops it.
func forwardSignals(p *tea.Program) func() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-ch:
				p.Send(ui.ShutdownMsg{})
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

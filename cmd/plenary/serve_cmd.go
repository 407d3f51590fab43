package main

import (
	"errors"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/spf13/cobra"

	"codeberg.org/plenary/plenary/agenda/bundle"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/cli"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/serve"
)

func newServeCmd() *cobra.Command {
	var o serve.Options
	var now string
	cmd := &cobra.Command{
		Use:   "serve [DIR]",
		Short: "Serve the meeting over SSH to everyone in the room",
		Long: `serve runs an SSH server: everyone in the room joins with
  ssh -p 2222 HOST
and gets the app, with what their role allows, on the live data. Who may
join, and as what, is in access.toml (see docs/serving.md).
The host key is made on first start; its fingerprint is printed so that
people can check it. Exports come to the person, not the server:
  ssh -p 2222 HOST export ics --starred > mine.ics`,
		Example: `  plenary serve my-meeting
  plenary serve my-meeting --listen :2222 --access access.toml`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd, args, o, now)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Listen, "listen", ":2222", "`ADDRESS` to listen on (all interfaces by default: the room must reach it)")
	f.StringVar(&o.Access, "access", "", "who may join (default: access.toml in the bundle)")
	f.StringVar(&o.HostKey, "host-key", "", "the server's ed25519 key (default: $XDG_DATA_HOME/plenary/host_ed25519, made on first start)")
	f.IntVar(&o.MaxConns, "max-connections", 250, "sessions at once, overall")
	f.IntVar(&o.PerKey, "per-key", 3, "sessions at once for one key")
	f.IntVar(&o.Rate, "rate", 20, "new connections a second from one address (a room behind one NAT shares an address)")
	f.IntVar(&o.Reserve, "reserve", 10, "per cent of --max-connections kept for the people in access.toml (guests never take them)")
	f.IntVar(&o.MaxAuth, "max-authenticating", 64, "connections still authenticating at once, overall")
	f.IntVar(&o.MaxAuthPerAddr, "max-authenticating-per-address", 8, "connections still authenticating at once from one address")
	f.DurationVar(&o.Idle, "idle", 30*time.Minute, "close a session after this long without a key pressed")
	f.DurationVar(&o.Handshake, "handshake", 10*time.Second, "time allowed to authenticate")
	f.StringVar(&now, "now", "", "rehearse: fix the room's clock at `TIME` (2017-05-18T10:30, in the meeting's time zone); the chair's > and < move it for everyone")
	f.DurationVar(&o.Grace, "presenter-grace", 20*time.Second, "how long a presentation waits for its presenter's dropped connection (the same person reconnecting takes it back)")
	// A client that stops reading (a closed laptop lid) holds its session's
	// output: after this long it is closed.
	o.Stall = 10 * time.Second
	return cmd
}

func runServe(cmd *cobra.Command, args []string, o serve.Options, now string) error {
	switch {
	case o.Reserve < 0 || o.Reserve > 100:
		return cli.UsageErr("--reserve is a per cent: 0 to 100")
	case o.MaxConns < 1 || o.PerKey < 1 || o.Rate < 1 || o.MaxAuth < 1 || o.MaxAuthPerAddr < 1:
		return cli.UsageErr("--max-connections, --per-key, --rate and --max-authenticating(-per-address) are at least 1")
	}
	b, err := bundle.Open(args)
	if err != nil {
		return err
	}
	if now != "" {
		// In the meeting's time zone, as for the app's --now.
		ld, _ := bundle.Load(b)
		if ld.Meeting == nil {
			return cli.UsageErr("--now: the bundle's meeting.toml does not load (plenary check says why)")
		}
		if o.Now, err = parseNow(now, ld.Meeting.Location); err != nil {
			return cli.UsageErr("--now: %v", err)
		}
	}
	s, srv, ln, err := serve.Start(b, o, cli.SSHCommands, cmd.OutOrStdout(), cmd.ErrOrStderr())
	if err != nil {
		return &cli.ExitError{Code: 1, Err: err}
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		if !errors.Is(err, ssh.ErrServerClosed) {
			return err
		}
		return nil
	case sig := <-sigs:
		s.Stop(srv, "signal "+sig.String())
		return nil
	}
}

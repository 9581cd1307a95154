package plots

import "testing"

func TestDefaultTitle(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		s    Spec
		want string
	}{
		{Spec{X: "model.clients.arrival.rate", Y: "delay.p99"}, "Delay p99 vs arrival rate"},
		{Spec{X: "model.clients.arrival.mean", Y: "delay.mean", Series: "model.policy"}, "Mean delay vs mean time between arrivals, by policy"},
		{Spec{X: "model.clients.arrival.rate", Y: "delay.p99_9", Series: "case"}, "Delay p99.9 vs arrival rate, by case"},
		{Spec{X: "model.services.db.service.mean", Y: "service.app.utilization", Series: "model.services.app.calls.0.policy"}, "Utilization of app vs mean db service time, by app call policy"},
		{Spec{X: "model.clients.arrival.rate", Y: "service.gateway.delay.p99", Series: "model.services.gateway.calls.1.parallel.0.policy"}, "Delay p99 of gateway vs arrival rate, by gateway call policy"},
		{Spec{X: "model.clients.retry.attempts", Y: "call.api.db.timeouts"}, "Timeouts from api to db vs retry attempts"},
		{Spec{X: "model.server.crash.uptime.mean", Y: "reliability", Series: "model.broker.delivery"}, "Reliability vs mean crash uptime, by broker delivery"},
		{Spec{X: "model.server.crash.uptime.rate", Y: "dead_letters"}, "Dead letters vs crash uptime rate"},
		{Spec{X: "model.clients.timeout", Y: "attempts/requests"}, "Attempts / requests vs clients timeout"},
		{Spec{X: "model.server.workers", Y: "server.queue.mean"}, "Mean server queue vs server workers"},
		{Spec{X: "model.network.loss", Y: "slo.attainment"}, "SLO attainment vs network loss"},
		{Spec{X: "model.policy", Y: "send.p99"}, "Send delay p99 vs policy"},
		{Spec{X: "model.policy", Y: "delay.p99.diff"}, "Delay p99 minus baseline vs policy"},
		{Spec{X: "model.policy", Y: "slo.attainment/reliability"}, "SLO attainment / reliability vs policy"},
		{Spec{X: TimeX, Y: "in_flight", Series: "model.clients.retry.attempts"}, "In flight over time, by retry attempts"},
		{Spec{X: TimeX, Y: "delay.p99"}, "Delay p99 over time"},
	} {
		if got := defaultTitle(c.s); got != c.want {
			t.Errorf("defaultTitle(%+v) = %q, want %q", c.s, got, c.want)
		}
	}
}

package models_test

import (
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// graphValue returns the graph metric called name of a run.
func graphValue(t *testing.T, cfg models.Config, m models.Metrics, name string) float64 {
	t.Helper()
	for i, n := range models.GraphMetricNames(&cfg) {
		if n == name {
			return m.Graph[i]
		}
	}
	t.Fatalf("no metric %s", name)
	return 0
}

// TestGraphDeadLetterThenSuccess: a message dead-lettered while a delivery
// of it still runs, which then succeeds, was answered with a success: the
// service counts it succeeded, with its delay, not failed (found by an
// independent re-implementation). One request at 20ms, service 5ms, two
// consumers, ack timeout 2ms, 2 deliveries: redelivered at 22ms,
// dead-lettered at 24ms, the first delivery succeeds at 25ms and the
// client, whose timeout is 10ms, accepts its reply.
func TestGraphDeadLetterThenSuccess(t *testing.T) {
	q := models.DefaultService("q")
	q.Workers, q.Service = 2, ms(5)
	q.Broker.AckTimeout, q.Broker.MaxDeliveries = 2*sim.Millisecond, 2
	cfg := models.DefaultConfig()
	cfg.Policy = models.MQ
	cfg.Clients.Arrival = ms(20)
	cfg.Clients.Timeout = 10 * sim.Millisecond
	cfg.Services = []models.Service{q}
	m, err := models.RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(40*sim.Millisecond), 0, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		got  float64
		want float64
	}{
		{"succeeded", m.Succeeded, 1},
		{"dead_letters", m.DeadLetters, 1},
		{"duplicates", m.Duplicates, 1},
		{"service.q.requests", graphValue(t, cfg, m, "service.q.requests"), 1},
		{"service.q.succeeded", graphValue(t, cfg, m, "service.q.succeeded"), 1},
		{"service.q.failed", graphValue(t, cfg, m, "service.q.failed"), 0},
		{"service.q.delay.mean", graphValue(t, cfg, m, "service.q.delay.mean"), 0.005},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

// TestGraphDeadLetterFails: a message dead-lettered after its last
// delivery failed, with no delivery left running, failed at the service.
// Every delivery errors; two deliveries.
func TestGraphDeadLetterFails(t *testing.T) {
	q := models.DefaultService("q")
	q.Service, q.Error = ms(5), 1
	q.Broker.MaxDeliveries = 2
	cfg := models.DefaultConfig()
	cfg.Policy = models.MQ
	cfg.Clients.Arrival = ms(100)
	cfg.Clients.Timeout = 50 * sim.Millisecond
	cfg.Services = []models.Service{q}
	m, err := models.RunWith(cfg, distributions.NewStreams(1, 0), sim.Time(150*sim.Millisecond), 0, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f, s := graphValue(t, cfg, m, "service.q.failed"), graphValue(t, cfg, m, "service.q.succeeded"); f != 1 || s != 0 || m.DeadLetters != 1 {
		t.Errorf("failed %v, succeeded %v, dead letters %v; want 1, 0, 1", f, s, m.DeadLetters)
	}
}

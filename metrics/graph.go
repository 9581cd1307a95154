package metrics

import (
	"math"
	"strings"
)

// The metrics of a service graph are per service and per call between
// two services, so their names hold the names of the model's services:
// service.NAME.SUFFIX and call.FROM.TO.SUFFIX (FROM is "clients" for the
// clients' calls to the entry service). Their columns come after those of
// All, sorted by name; a model without services has none. Lookup knows
// them by their suffix.

// ServiceMetrics are the per-service metrics, named by their suffix: the
// column of service NAME is service.NAME.SUFFIX.
var ServiceMetrics = []Metric{
	count("requests", "attempts that reached the service (its waiting room, or its broker)"),
	count("succeeded", "of these, attempts the service answered with a success"),
	count("failed", "of these, attempts that ended unsuccessfully at the service (error, rejection, failed call, crash)"),
	seconds("delay.mean", "mean delay of successful attempts at the service: arrival (at its broker, if it has one) to its reply leaving, or to the end of its work when nobody waits"),
	seconds("delay.p99", "99th percentile of that delay"),
	fraction("utilization", "busy workers / (instances × workers), time-averaged"),
	{Name: "queue.mean", Unit: Requests, Max: math.Inf(1), Description: "requests waiting per instance (or in the broker, per instance), time-averaged"},
	count("rejected", "attempts refused by a full or crashed instance, or a full broker"),
	count("errors", "attempts whose work at the service failed (service error)"),
	count("expired", "attempts dropped unserved past their deadline, and broker messages older than ttl"),
	count("shed", "attempts dropped from the waiting room (queue_timeout, codel)"),
	count("rate_limited", "attempts refused by an instance's token bucket"),
	count("ejections", "ejections of the service's instances by outlier detection"),
}

// HopMetrics are the per-call metrics, named by their suffix: the column
// of the calls from FROM to TO is call.FROM.TO.SUFFIX.
var HopMetrics = []Metric{
	count("attempts", "attempts of calls from FROM to TO"),
	count("retries", "failed attempts followed by another attempt"),
	count("timeouts", "attempts whose timeout fired"),
	count("late", "replies that came after their attempt had timed out or its parallel group had its outcome"),
	count("fallbacks", "calls that failed after their retries and were ignored (on_error: ignore)"),
	count("short_circuited", "attempts refused at once by the calls' circuit breaker"),
	count("hedges", "hedged copies sent beyond each attempt's first"),
	count("budget_exhausted", "retries refused by the calls' retry budget"),
}

// ClientsName is FROM in the names of the clients' calls to the entry
// service: call.clients.NAME.attempts.
const ClientsName = "clients"

// lookupGraph returns the metric of a service graph called name, whose
// Name is name, and whether name is one.
func lookupGraph(name string) (Metric, bool) {
	if rest, ok := strings.CutPrefix(name, "service."); ok {
		svc, suffix, ok := strings.Cut(rest, ".")
		if ok && isServiceName(svc) {
			return bySuffix(ServiceMetrics, suffix, name)
		}
		return Metric{}, false
	}
	if rest, ok := strings.CutPrefix(name, "call."); ok {
		from, rest, ok1 := strings.Cut(rest, ".")
		to, suffix, ok2 := strings.Cut(rest, ".")
		if ok1 && ok2 && isServiceName(from) && isServiceName(to) && to != ClientsName {
			return bySuffix(HopMetrics, suffix, name)
		}
	}
	return Metric{}, false
}

// bySuffix returns the metric of list called suffix, renamed name.
func bySuffix(list []Metric, suffix, name string) (Metric, bool) {
	for _, m := range list {
		if m.Name == suffix {
			m.Name = name
			return m, true
		}
	}
	return Metric{}, false
}

// isServiceName reports whether s can name a service: one or more of
// a-z, 0-9, - and _.
func isServiceName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// IsGraph reports whether name is the name of a per-service or per-call
// metric of a service graph.
func IsGraph(name string) bool {
	_, ok := lookupGraph(name)
	return ok
}

"""Planning engine: exposure, corridor risk, routing, evacuation, aid allocation, triggers (no Qt)."""

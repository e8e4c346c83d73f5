//! Value-stream metrics: lead time, critical path, flow efficiency, the constraint.

"""The top floor: reads across the domain apps for the conversation summary, SC8 dashboards and snapshots, board
evaluation reports and the commissioner's portfolio PDF. It may import every domain app; none of them imports it."""

"""What frontline staff do: the conversation log, its daily counters, paper-form imports and the signposting
directory."""

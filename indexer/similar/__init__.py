"""Similar-case retrieval (类案检索) and charge prediction from a fact description.

`classify` predicts charges from facts, `elements` extracts the key elements (amounts, injuries,
means, circumstances), `rank` combines structural agreement with text similarity, `explain`
says why a case is similar.  `service` wires them to a store and a search backend.
"""

"""The Streamlit chat: pages hold widgets and session state and call the `assistant` library."""

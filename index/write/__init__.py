"""Writing role: bulk segment writing, rebuilds beside the live index, sealed staging."""
